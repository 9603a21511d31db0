// Answers, but leaves a rejected promise nobody handles.
export default function handler(req, res) {
  Promise.reject(new Error('nobody handles this rejection'))
  res.status(200).json({ answered: true })
}
