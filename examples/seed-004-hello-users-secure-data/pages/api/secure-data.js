// Seed 004_1a5cb58b6a524604.txt, block 3 ("Example: Adding Authentication Middleware"),
// its second file, verbatim.
// pages/api/secure-data.js

import { authenticate } from '../../middleware/auth';

export default function handler(req, res) {
  authenticate(req, res, () => {
    // Protected route logic here
    res.status(200).json({ message: 'Secure data' });
  });
}
