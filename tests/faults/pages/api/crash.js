// The supervisor's test-only native crash: APIROUTES_TEST_HOOKS=1 installs
// __apiroutesTestCrash, which raises SIGSEGV in the server process.
export default function handler(req, res) {
  if (typeof globalThis.__apiroutesTestCrash !== 'function') {
    res.status(404).json({ error: 'test hooks are off' })
    return
  }
  globalThis.__apiroutesTestCrash()
}
