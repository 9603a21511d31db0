-- wrk script: POST /api/items with a small JSON item.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"benchmark item","body":"a row written by the store benchmark, about 60 bytes"}'
