package dev.mlops.trainer; class P {}
