// Seed 003_bac2c424670e1d2b.txt, block 3 ("HTTP Methods"), verbatim. The seed names no file.
// Both branches are comments, so this handler never answers: as under `next start`, the
// request stays open (until the client gives up, or --max-duration turns it into a 504).
import type { NextApiRequest, NextApiResponse } from 'next'
 
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'POST') {
    // Process a POST request
  } else {
    // Handle any other HTTP method
  }
}
