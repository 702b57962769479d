-- One wrk instance of bench/swap-under-load.sh: GETs its URL, or with POST=1 submits service requests
-- to it (each with an address of its own, so that every confirmation can be told apart; with the answers
-- the rebates example asks for, which the portal refuses while that example is stopped). It counts the
-- statuses, keeps the references of the acknowledged submissions, and prints one RESULT line.
threads = {}
statuses = {}
refs = {}
counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

request = function()
  if os.getenv("POST") == "1" then
    counter = counter + 1
    local email = "swap-" .. id .. "-" .. counter .. "@bench.test"
    local body = '{"name":"Swap Bench","email":"' .. email .. '","phone":"(415) 555-0134",'
      .. '"city":"San Francisco","zip":"94110","services":["heat-pump"],"ageConfirmed":true,'
      .. '"sections":{"rebates":{"household-size":4,"income-range":"50k-100k","utility":"pge"}}}'
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET")
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local r = body:match('"reference":"([^"]+)"')
    if r then refs[#refs + 1] = r end
  end
end

done = function(summary, latency, requests)
  local all = {}
  local out = os.getenv("REFS") and io.open(os.getenv("REFS"), "w")
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do all[k] = (all[k] or 0) + v end
    if out then
      for _, r in ipairs(t:get("refs")) do out:write(r, "\n") end
    end
  end
  if out then out:close() end
  local parts = {}
  for k, v in pairs(all) do parts[#parts + 1] = string.format('"%d":%d', k, v) end
  io.write(string.format(
    'RESULT {"requests":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"maxMs":%.1f,"p99Ms":%.1f,"statuses":{%s}}\n',
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency.max / 1000, latency:percentile(99) / 1000, table.concat(parts, ",")))
end
