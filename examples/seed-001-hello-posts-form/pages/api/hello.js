// Seed 001_92db8dd96aafb19d.txt, block 1 ("1. Define API Endpoints"), verbatim.
// pages/api/hello.js
export default function handler(req, res) {
  res.status(200).json({ message: 'Hello, world!' });
}
