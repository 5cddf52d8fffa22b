-- wrk script: every request carries one of the session cookies listed in the file named by $COOKIES (one Cookie
-- header value a line), taken in turn, so that the load is spread over those sessions. With no file (COOKIES
-- empty), requests carry no cookie: the same script, so that each endpoint pays the same Lua cost.
local cookies = {}
local file = os.getenv("COOKIES")
if file and file ~= "" then
  for line in io.lines(file) do
    if line ~= "" then cookies[#cookies + 1] = line end
  end
end
local next_cookie = 0
request = function()
  if #cookies == 0 then
    return wrk.format("GET")
  end
  next_cookie = next_cookie % #cookies + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookies[next_cookie] })
end
