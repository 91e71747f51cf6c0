-- wrk script: one-row credit-risk predictions with a client token (TOKEN env), for docs/benchmarks.md.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"instances":[{"age":41,"income":52000,"employment_years":3,"debt_ratio":0.35,"credit_lines":4,' ..
           '"late_payments_12m":0,"loan_amount":12000,"loan_term_months":36,"home_owner":1,"purpose":"car"}]}'

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p99 %.2f ms\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
