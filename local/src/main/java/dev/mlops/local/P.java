package dev.mlops.local; class P {}
