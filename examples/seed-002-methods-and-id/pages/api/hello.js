// Seed 002_e5c992d302fe1d22.txt, block 2 ("Handling Different HTTP Methods", hello.js as modified), verbatim.
export default function handler(req, res) {
  if (req.method === 'GET') {
    res.status(200).json({ message: 'GET request received!' });
  } else if (req.method === 'POST') {
    res.status(200).json({ message: 'POST request received!' });
  } else {
    res.status(405).json({ message: 'Method Not Allowed' });
  }
}

