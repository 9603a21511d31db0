// POST /api/echo: parses the JSON body and sends it back (benchmark fixture; wrk/post-echo.lua is the body).
export default function handler(req, res) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ error: 'Method Not Allowed' });
    return;
  }
  res.status(200).json(req.body);
}
