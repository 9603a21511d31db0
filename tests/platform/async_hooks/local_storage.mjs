// async_hooks: AsyncLocalStorage as Node 20 has it: the store follows await, then,
// queueMicrotask, timers and nextTick; run nests and restores; enterWith, exit, disable;
// many interleaved async chains each keep their own store; a promise created in one
// context continues, when awaited, in the awaiting one.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import { AsyncLocalStorage } from 'node:async_hooks'
import * as hooks from 'async_hooks'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

test('the module exports the classes and functions, also on the default export', () => {
  assert.strictEqual(typeof hooks.AsyncLocalStorage, 'function')
  assert.strictEqual(typeof hooks.AsyncResource, 'function')
  assert.strictEqual(typeof hooks.executionAsyncId, 'function')
  assert.strictEqual(typeof hooks.triggerAsyncId, 'function')
  assert.strictEqual(typeof hooks.createHook, 'function')
  assert.strictEqual(hooks.default.AsyncLocalStorage, AsyncLocalStorage)
})

test('getStore is undefined outside run, the store inside, restored after', () => {
  const als = new AsyncLocalStorage()
  assert.strictEqual(als.getStore(), undefined)
  const store = { id: 1 }
  const result = als.run(store, (a, b) => {
    assert.strictEqual(als.getStore(), store)
    return a + b
  }, 2, 3)
  assert.strictEqual(result, 5)
  assert.strictEqual(als.getStore(), undefined)
})

test('run restores the previous store when the callback throws', () => {
  const als = new AsyncLocalStorage()
  als.run('outer', () => {
    assert.throws(() => als.run('inner', () => {
      throw new Error('boom')
    }), /boom/)
    assert.strictEqual(als.getStore(), 'outer')
  })
})

test('the store survives several awaits', async () => {
  const als = new AsyncLocalStorage()
  await als.run('a', async () => {
    await null
    assert.strictEqual(als.getStore(), 'a')
    await tick()
    assert.strictEqual(als.getStore(), 'a')
    await Promise.resolve(1)
    await new Promise((resolve) => setImmediate(resolve))
    assert.strictEqual(als.getStore(), 'a')
  })
  assert.strictEqual(als.getStore(), undefined)
})

test('then callbacks, queueMicrotask and nextTick see the store of their scheduling', async () => {
  const als = new AsyncLocalStorage()
  const seen = []
  await als.run('s', () => new Promise((resolve) => {
    Promise.resolve().then(() => seen.push(['then', als.getStore()]))
    queueMicrotask(() => seen.push(['microtask', als.getStore()]))
    process.nextTick(() => seen.push(['nextTick', als.getStore()]))
    Promise.reject(new Error('x')).catch(() => seen.push(['catch', als.getStore()])).finally(() => {
      seen.push(['finally', als.getStore()])
      setTimeout(resolve, 1)
    })
  }))
  seen.sort((a, b) => (a[0] < b[0] ? -1 : 1))
  assert.deepStrictEqual(seen, [['catch', 's'], ['finally', 's'], ['microtask', 's'], ['nextTick', 's'], ['then', 's']])
})

test('setTimeout, setInterval and setImmediate callbacks see the store', async () => {
  const als = new AsyncLocalStorage()
  const seen = await als.run('t', () => new Promise((resolve) => {
    const out = []
    setTimeout(() => out.push(['timeout', als.getStore()]), 2)
    setImmediate(() => out.push(['immediate', als.getStore()]))
    let count = 0
    const interval = setInterval(() => {
      out.push(['interval', als.getStore()])
      if (++count === 2) {
        clearInterval(interval)
        setTimeout(() => resolve(out), 5)
      }
    }, 3)
  }))
  assert.deepStrictEqual(
    seen.map((entry) => entry.join(':')).sort(),
    ['immediate:t', 'interval:t', 'interval:t', 'timeout:t']
  )
})

test('timers/promises and util.promisify(setTimeout) keep the store', async () => {
  const als = new AsyncLocalStorage()
  const { setTimeout: sleep } = await import('node:timers/promises')
  const { promisify } = await import('node:util')
  await als.run('p', async () => {
    await sleep(1)
    assert.strictEqual(als.getStore(), 'p')
    await promisify(setTimeout)(1)
    assert.strictEqual(als.getStore(), 'p')
  })
})

test('nested run shadows the outer store and restores it, also across awaits', async () => {
  const als = new AsyncLocalStorage()
  await als.run('outer', async () => {
    const inner = als.run('inner', async () => {
      await tick()
      return als.getStore()
    })
    assert.strictEqual(als.getStore(), 'outer')
    assert.strictEqual(await inner, 'inner')
    assert.strictEqual(als.getStore(), 'outer')
  })
})

test('two storages are independent', async () => {
  const a = new AsyncLocalStorage()
  const b = new AsyncLocalStorage()
  await a.run(1, () => b.run(2, async () => {
    await tick()
    assert.strictEqual(a.getStore(), 1)
    assert.strictEqual(b.getStore(), 2)
    await a.run(3, async () => {
      await null
      assert.strictEqual(a.getStore(), 3)
      assert.strictEqual(b.getStore(), 2)
    })
    assert.strictEqual(a.getStore(), 1)
  }))
})

test('enterWith sets the store for the rest of the scope and what it schedules', async () => {
  const als = new AsyncLocalStorage()
  await als.run('r', async () => {
    await new Promise((resolve) => {
      setTimeout(() => {
        als.enterWith('entered')
        assert.strictEqual(als.getStore(), 'entered')
        setTimeout(() => {
          assert.strictEqual(als.getStore(), 'entered')
          resolve()
        }, 1)
      }, 1)
    })
    // The timer's scope does not leak back into the awaiting function.
    assert.strictEqual(als.getStore(), 'r')
  })
})

test('enterWith inside run does not outlive the run', () => {
  const als = new AsyncLocalStorage()
  als.run('x', () => {
    als.enterWith('y')
    assert.strictEqual(als.getStore(), 'y')
  })
  assert.strictEqual(als.getStore(), undefined)
})

test('exit runs outside the store, also for what it schedules', async () => {
  const als = new AsyncLocalStorage()
  await als.run('e', async () => {
    const inside = als.exit((v) => {
      assert.strictEqual(als.getStore(), undefined)
      return new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 1)).then((s) => [v, s])
    }, 'arg')
    assert.strictEqual(als.getStore(), 'e')
    assert.deepStrictEqual(await inside, ['arg', undefined])
    assert.strictEqual(als.getStore(), 'e')
  })
})

test('disable makes getStore undefined until run enables the storage again', async () => {
  const als = new AsyncLocalStorage()
  let later
  als.run('old', () => {
    later = new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 2))
    als.disable()
    assert.strictEqual(als.getStore(), undefined)
    als.exit(() => assert.strictEqual(als.getStore(), undefined))
  })
  als.run('new', () => assert.strictEqual(als.getStore(), 'new'))
  // As in Node 20: work scheduled before disable() sees its store once re-enabled.
  assert.strictEqual(await later, 'old')
})

test('many interleaved async chains each keep their own store', async () => {
  const als = new AsyncLocalStorage()
  const chains = []
  for (let i = 0; i < 100; i++) {
    chains.push(als.run({ i }, async () => {
      const seen = []
      for (let step = 0; step < 5; step++) {
        if ((i + step) % 3 === 0) await tick()
        else if ((i + step) % 3 === 1) await new Promise((resolve) => setImmediate(resolve))
        else await Promise.resolve().then(() => null)
        seen.push(als.getStore().i)
      }
      return seen
    }))
  }
  const results = await Promise.all(chains)
  results.forEach((seen, i) => assert.deepStrictEqual(seen, [i, i, i, i, i]))
})

test('a promise created in one context continues in the awaiting context', async () => {
  const als = new AsyncLocalStorage()
  let resolveIt
  const shared = als.run('creator', () => new Promise((resolve) => {
    resolveIt = resolve
  }))
  const waiter = als.run('awaiter', async () => {
    await shared
    return als.getStore()
  })
  const thenSeen = als.run('then-er', () => shared.then(() => als.getStore()))
  als.run('resolver', () => resolveIt())
  assert.strictEqual(await waiter, 'awaiter')
  assert.strictEqual(await thenSeen, 'then-er')
})

test('the promise executor runs synchronously in the creating context', () => {
  const als = new AsyncLocalStorage()
  let seen
  als.run('exec', () => new Promise(() => {
    seen = als.getStore()
  }))
  assert.strictEqual(seen, 'exec')
})

test('async iteration keeps the store', async () => {
  const als = new AsyncLocalStorage()
  async function* gen() {
    for (let i = 0; i < 3; i++) {
      await tick()
      yield als.getStore()
    }
  }
  const seen = await als.run('gen', async () => {
    const out = []
    for await (const value of gen()) out.push(value, als.getStore())
    return out
  })
  assert.deepStrictEqual(seen, ['gen', 'gen', 'gen', 'gen', 'gen', 'gen'])
})

test('event listeners run in the context of emit, not of on', async () => {
  const { EventEmitter } = await import('node:events')
  const als = new AsyncLocalStorage()
  const emitter = new EventEmitter()
  let seen
  als.run('listener', () => emitter.on('x', () => {
    seen = als.getStore()
  }))
  als.run('emitter', () => emitter.emit('x'))
  assert.strictEqual(seen, 'emitter')
})

test('a store can be any value, including undefined', () => {
  const als = new AsyncLocalStorage()
  als.run(0, () => assert.strictEqual(als.getStore(), 0))
  als.run(null, () => assert.strictEqual(als.getStore(), null))
  als.run('x', () => als.run(undefined, () => assert.strictEqual(als.getStore(), undefined)))
})

test('thenables: awaited, returned, resolved with and returned from then see the store', async () => {
  const als = new AsyncLocalStorage()
  const seen = []
  const thenable = () => ({
    then(resolve) {
      seen.push(als.getStore())
      setImmediate(resolve)
    },
  })
  await Promise.all([
    als.run('await', async () => {
      await thenable()
      seen.push(als.getStore())
    }),
    als.run('return', async () => thenable()),
    als.run('resolve', () => Promise.resolve(thenable())),
    als.run('then', () => Promise.resolve().then(() => thenable())),
  ])
  assert.deepStrictEqual(seen.sort(), ['await', 'await', 'resolve', 'return', 'then'])
})

test('enterWith in one timer callback does not leak into another', async () => {
  const als = new AsyncLocalStorage()
  const seen = await new Promise((resolve) => {
    const out = []
    setImmediate(() => {
      als.enterWith('mine')
      setTimeout(() => out.push(['inner', als.getStore()]), 4)
    })
    setTimeout(() => out.push(['other', als.getStore()]), 2)
    setTimeout(() => resolve(out), 10)
  })
  assert.deepStrictEqual(seen.sort(), [['inner', 'mine'], ['other', undefined]])
})
