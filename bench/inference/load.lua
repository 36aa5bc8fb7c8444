-- wrk script: with a body file after `--`, POSTs one JSON body per request, rotating among the file's lines;
-- without one, sends the plain GET of the URL (the ceiling endpoint). Counts answers other than 200 and prints
-- one `wrk-result key=value ...` line for run.sh.
dofile("bench/wrk-result.lua") -- setup, response, done: thread ids, not_ok, the wrk-result line

local bodies = {}
local turn = 1

function init(args)
  if args[1] == nil then
    return
  end
  local file = assert(io.open(args[1], "rb"), "cannot read body file " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then
      table.insert(bodies, line)
    end
  end
  file:close()
  assert(#bodies > 0, "the body file has no lines")
  turn = ((id - 1) * 7919) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if #bodies == 0 then
    return wrk.format()
  end
  local body = bodies[turn]
  turn = turn % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end
