-- wrk script for signing: every request takes the next line of a file prepared before the run, so each
-- one signs with its own email (and, with proof of work on, its own pre-solved challenge), each line once.
-- A line is "idempotency-key<TAB>json body"; the key may be empty (then no Idempotency-Key header).
-- Usage: wrk -s bench/sign-bodies.lua http://host/v1/petitions/ID/signatures -- bodies.txt
-- After the run it prints "bodies used N of M"; past M it starts over, and repeats are not new signatures
-- (the server answers a repeated key from the stored answer, and refuses a plain replayed proof).

used, total = 0, 0
local lines = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  total = #lines
end

function request()
  local line = lines[used % total + 1]
  used = used + 1
  local tab = line:find("\t", 1, true)
  local key, body = line:sub(1, tab - 1), line:sub(tab + 1)
  local headers = { ["Content-Type"] = "application/json", ["Accept-Language"] = "fr" }
  if key ~= "" then
    headers["Idempotency-Key"] = key
  end
  return wrk.format("POST", wrk.path, headers, body)
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("bodies used %d of %d\n", thread:get("used"), thread:get("total")))
  end
end
