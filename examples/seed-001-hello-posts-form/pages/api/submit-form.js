// Seed 001_92db8dd96aafb19d.txt, block 3 ("3. Serverless Functions"), verbatim.
// pages/api/submit-form.js
export default async function handler(req, res) {
  if (req.method === 'POST') {
    const { name, email, message } = req.body;
    
    // Example: Save to database (pseudo-code)
    // await db.collection('messages').insertOne({ name, email, message });
    
    res.status(200).json({ success: true, message: 'Form submitted successfully' });
  } else {
    res.setHeader('Allow', ['POST']);
    res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
