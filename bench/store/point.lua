-- wrk script: GET /api/items/ID for a random one of the 1000 seeded items.
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/items/" .. math.random(1, 1000))
end
