// The normal route the background client hits while a fault runs.
export default function handler(req, res) {
  res.status(200).json({ ok: true })
}
