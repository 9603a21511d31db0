// Seed 001_92db8dd96aafb19d.txt, block 2 ("2. Handle Requests"), verbatim.
// `posts` is module state: it lives per worker, so run with --workers 1 to see one list.
// pages/api/posts.js
let posts = []; // In-memory storage for demonstration

export default function handler(req, res) {
  if (req.method === 'GET') {
    // Handle GET request to retrieve posts
    res.status(200).json(posts);
  } else if (req.method === 'POST') {
    // Handle POST request to create a new post
    const newPost = req.body;
    posts.push(newPost);
    res.status(201).json(newPost);
  } else {
    // Handle other request methods
    res.setHeader('Allow', ['GET', 'POST']);
    res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
