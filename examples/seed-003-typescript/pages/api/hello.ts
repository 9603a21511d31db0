// Seed 003_bac2c424670e1d2b.txt, block 1 (the introduction's JSON response example), verbatim.
// The seed names no file; pages/api/hello.ts is where Next's own docs put this handler.
import type { NextApiRequest, NextApiResponse } from 'next'
 
type ResponseData = {
  message: string
}
 
export default function handler(
  req: NextApiRequest,
  res: NextApiResponse<ResponseData>
) {
  res.status(200).json({ message: 'Hello from Next.js!' })
}
