// GET one item by id (the store benchmark's point select).
import { getItem } from '../../../lib/db'

export default async function handler(req, res) {
  const item = await getItem(Number(req.query.id))
  if (!item) return res.status(404).json({ error: 'no such item' })
  res.status(200).json(item)
}
