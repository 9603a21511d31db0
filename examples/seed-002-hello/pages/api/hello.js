// Seed 002_e5c992d302fe1d22.txt, block 1 ("Creating an API Route", the first hello.js), verbatim.
export default function handler(req, res) {
  res.status(200).json({ message: 'Hello, API Route!' });
}

