// Seed 002_e5c992d302fe1d22.txt, block 3 ("Custom API Routes with Dynamic Parameters", [id].js), verbatim.
export default function handler(req, res) {
  const { id } = req.query;
  res.status(200).json({ message: `Received ID: ${id}` });
}

