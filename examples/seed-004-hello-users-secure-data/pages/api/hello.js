// Seed 004_1a5cb58b6a524604.txt, block 1 ("Example: Creating a Simple API Route"), verbatim.
// pages/api/hello.js

export default function handler(req, res) {
  res.status(200).json({ message: 'Hello, World!' });
}
