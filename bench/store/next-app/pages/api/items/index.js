// POST inserts an item, GET lists 100 (the store benchmark's write and list routes).
import { insertItem, listItems } from '../../../lib/db'

export default async function handler(req, res) {
  if (req.method === 'POST') return res.status(201).json(await insertItem(req.body.title, req.body.body))
  res.status(200).json(await listItems())
}
