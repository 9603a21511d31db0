// `next`: its exports are types (NextApiRequest, NextApiResponse, ...), erased from
// TypeScript; this module exists so that a value import of 'next' still resolves.
export default {}
