// The platform suite's test harness: `test(name, fn)` registers a case (sync or async);
// after the file's module body has run, every case runs in order and prints one line,
// `ok - NAME` or `not ok - NAME: MESSAGE`, then `# passed N failed M`. The exit code is 1
// when any case failed. Files import it relatively and run both under `node FILE` (to
// check the test itself against Node 20) and `apiroutes run FILE`.
const cases = []

export function test(name, fn) {
  cases.push({ name, fn })
}

async function runAll() {
  let passed = 0
  let failed = 0
  for (const { name, fn } of cases) {
    try {
      await fn()
      passed++
      console.log(`ok - ${name}`)
    } catch (error) {
      failed++
      const where = error && error.stack ? String(error.stack).split('\n').slice(0, 3).join(' | ') : ''
      console.log(`not ok - ${name}: ${String(error)} | ${where}`)
    }
  }
  console.log(`# passed ${passed} failed ${failed}`)
  if (failed > 0) process.exitCode = 1
}

setTimeout(runAll, 0)
