// Seed 004_1a5cb58b6a524604.txt, block 2 ("Example: Handling POST Requests"), verbatim.
// pages/api/users.js

export default function handler(req, res) {
  if (req.method === 'POST') {
    // Process the user data here
    const { name, email } = req.body;
    // Save the user data to a database or perform other actions
    res.status(201).json({ message: 'User created', user: { name, email } });
  } else {
    res.status(405).json({ message: 'Method Not Allowed' });
  }
}
