-- wrk script for bench/soak.sh: every 4th request is signed in (the session
-- cookie in $R1540_SOAK_COOKIE): a state's page or API call, rendered for
-- the user (never from the cache), and every 40th the user's workspace; the
-- others are public pages and API calls in turn.
local cookie = os.getenv("R1540_SOAK_COOKIE")
local public = { "/en/states/FRA", "/api/v1/states/DEU", "/en/states", "/fr/review", "/en/data" }
local signed = { "/en/states/DEU", "/api/v1/states/FRA" }
local n = 0
request = function()
    n = n + 1
    if n % 40 == 0 then
        return wrk.format("GET", "/en/workspace", { ["Cookie"] = "r1540_session=" .. cookie })
    elseif n % 4 == 0 then
        return wrk.format("GET", signed[(n / 4) % #signed + 1],
                          { ["Cookie"] = "r1540_session=" .. cookie })
    end
    return wrk.format("GET", public[(n % #public) + 1])
end
