// Seed 004_1a5cb58b6a524604.txt, block 3 ("Example: Adding Authentication Middleware"),
// its first file, verbatim. A helper module, not Next's root middleware (that is a file
// named middleware.js, not a folder).
// middleware/auth.js

export function authenticate(req, res, next) {
  const { authorization } = req.headers;
  if (authorization === 'Bearer my-secret-token') {
    next();
  } else {
    res.status(401).json({ message: 'Unauthorized' });
  }
}
