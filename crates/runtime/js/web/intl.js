// `Intl` for QuickJS, which has none: the ECMA-402 class shapes, option reading and
// defaults, over the native ICU4X halves in src/intl/ (installed as `__apiroutesIntl`,
// taken here and deleted). Also `Number.prototype.toLocaleString` and
// `BigInt.prototype.toLocaleString` on `Intl.NumberFormat`, and `Date.prototype.toLocaleString`,
// `toLocaleDateString` and `toLocaleTimeString` on `Intl.DateTimeFormat`, and
// `String.prototype.localeCompare` on `Intl.Collator`, as Node 20 has them.
;(() => {
  if (typeof globalThis.Intl !== 'undefined' || typeof globalThis.__apiroutesIntl === 'undefined') return
  const native = globalThis.__apiroutesIntl
  delete globalThis.__apiroutesIntl
  const DEFAULT_LOCALE = 'en-US'
  const NUMBERING_SYSTEMS = ['arab', 'arabext', 'beng', 'deva', 'fullwide', 'gujr', 'guru', 'hanidec', 'khmr', 'knda', 'laoo', 'latn', 'mlym', 'mymr', 'orya', 'tamldec', 'telu', 'thai', 'tibt']
  const slots = new WeakMap()

  function define(target, props) {
    for (const [key, value] of Object.entries(props)) {
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false })
    }
  }
  function tag(proto, name) {
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true })
  }

  function canonicalizeLocaleList(locales) {
    if (locales === undefined) return []
    const list = typeof locales === 'string' || locales instanceof Locale ? [locales] : Array.from(Object(locales))
    const seen = []
    for (const item of list) {
      if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) {
        throw new TypeError('Language ID should be string or object.')
      }
      const canonical = native.canonicalize(String(item))
      if (!seen.includes(canonical)) seen.push(canonical)
    }
    return seen
  }
  const withoutExtensions = (locale) => locale.replace(/-u-.*$/, '')
  // The first requested locale ICU4X has data for (extensions kept), else the default.
  function resolveLocale(locales) {
    for (const locale of canonicalizeLocaleList(locales)) {
      if (native.isSupported(locale)) return locale
    }
    return DEFAULT_LOCALE
  }
  function supportedLocalesOf(locales) {
    return canonicalizeLocaleList(locales).filter((locale) => native.isSupported(locale))
  }
  function unicodeKeyword(locale, key) {
    const match = new RegExp(`-u(?:-[a-z0-9]{2,8})*?-${key}-([a-z0-9]{3,8}(?:-[a-z0-9]{3,8})*)`).exec(locale)
    return match ? match[1] : undefined
  }

  function toOptions(options) {
    if (options === undefined) return Object.create(null)
    if (options === null) throw new TypeError('Cannot convert undefined or null to object')
    return Object(options)
  }
  function getOption(options, property, type, values, fallback, service) {
    let value = options[property]
    if (value === undefined) return fallback
    if (type === 'boolean') value = Boolean(value)
    else value = String(value)
    if (values && !values.includes(value)) {
      throw new RangeError(`Value ${value} out of range for ${service} options property ${property}`)
    }
    return value
  }
  function getNumberOption(options, property, minimum, maximum, fallback) {
    const value = options[property]
    if (value === undefined) return fallback
    const number = Number(value)
    if (Number.isNaN(number) || number < minimum || number > maximum) {
      throw new RangeError(`${property} value is out of range.`)
    }
    return Math.floor(number)
  }

  // Intl.NumberFormat
  const NF = 'Intl.NumberFormat'
  function NumberFormat(locales, options) {
    if (!new.target) return new NumberFormat(locales, options)
    const locale = resolveLocale(locales)
    options = toOptions(options)
    const r = { locale: withoutExtensions(locale) }
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', NF)
    const nu = options.numberingSystem !== undefined ? String(options.numberingSystem) : unicodeKeyword(locale, 'nu')
    r.numberingSystem = nu && NUMBERING_SYSTEMS.includes(nu) ? nu : 'latn'
    if (r.numberingSystem !== 'latn') r.locale = `${r.locale}-u-nu-${r.numberingSystem}`
    r.style = getOption(options, 'style', 'string', ['decimal', 'percent', 'currency', 'unit'], 'decimal', NF)
    if (r.style === 'unit') throw new RangeError('Intl.NumberFormat: style "unit" is not supported here')
    const currency = getOption(options, 'currency', 'string', undefined, undefined, NF)
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) {
      throw new RangeError(`Invalid currency code : ${currency}`)
    }
    const currencyDisplay = getOption(options, 'currencyDisplay', 'string', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', NF)
    const currencySign = getOption(options, 'currencySign', 'string', ['standard', 'accounting'], 'standard', NF)
    if (r.style === 'currency') {
      if (currency === undefined) throw new TypeError('Currency code is required with currency style.')
      r.currency = currency.toUpperCase()
      r.currencyDisplay = currencyDisplay
      r.currencySign = currencySign
    }
    const notation = getOption(options, 'notation', 'string', ['standard', 'scientific', 'engineering', 'compact'], 'standard', NF)
    if (notation === 'scientific' || notation === 'engineering') {
      throw new RangeError(`Intl.NumberFormat: notation "${notation}" is not supported here`)
    }
    // Digit options (ECMA-402 SetNumberFormatDigitOptions).
    const cDigits = r.style === 'currency' ? native.currencyDigits(r.currency) : 0
    const mnfdDefault = r.style === 'currency' && notation !== 'compact' ? cDigits : 0
    const mxfdDefault = r.style === 'currency' && notation !== 'compact' ? Math.max(cDigits, mnfdDefault) : r.style === 'percent' ? 0 : 3
    r.minimumIntegerDigits = getNumberOption(options, 'minimumIntegerDigits', 1, 21, 1)
    const mnsd = options.minimumSignificantDigits
    const mxsd = options.maximumSignificantDigits
    const mnfd = options.minimumFractionDigits
    const mxfd = options.maximumFractionDigits
    const needSd = mnsd !== undefined || mxsd !== undefined
    const needFd = !needSd && (mnfd !== undefined || mxfd !== undefined)
    if (needSd) {
      r.minimumSignificantDigits = getNumberOption(options, 'minimumSignificantDigits', 1, 21, 1)
      r.maximumSignificantDigits = getNumberOption(options, 'maximumSignificantDigits', r.minimumSignificantDigits, 21, 21)
    } else if (needFd || notation !== 'compact') {
      let min = getNumberOption(options, 'minimumFractionDigits', 0, 100, undefined)
      let max = getNumberOption(options, 'maximumFractionDigits', 0, 100, undefined)
      if (min === undefined) min = Math.min(mnfdDefault, max === undefined ? mnfdDefault : max)
      else if (max === undefined) max = Math.max(mxfdDefault, min)
      else if (min > max) throw new RangeError('maximumFractionDigits value is out of range.')
      if (max === undefined) max = Math.max(mxfdDefault, min)
      r.minimumFractionDigits = min
      r.maximumFractionDigits = max
    } else {
      r.minimumSignificantDigits = 1
      r.maximumSignificantDigits = 2
      r.minimumFractionDigits = 0
      r.maximumFractionDigits = 0
    }
    const grouping = options.useGrouping
    const groupingDefault = notation === 'compact' ? 'min2' : 'auto'
    if (grouping === undefined) r.useGrouping = groupingDefault
    else if (grouping === true) r.useGrouping = 'always'
    else if (grouping === false || grouping === null || grouping === 0 || grouping === '') r.useGrouping = false
    else {
      const value = String(grouping)
      if (value === 'true' || value === 'false') r.useGrouping = groupingDefault
      else if (['min2', 'auto', 'always'].includes(value)) r.useGrouping = value
      else throw new RangeError(`Value ${value} out of range for ${NF} options property useGrouping`)
    }
    r.notation = notation
    if (notation === 'compact') {
      r.compactDisplay = getOption(options, 'compactDisplay', 'string', ['short', 'long'], 'short', NF)
    }
    r.signDisplay = getOption(options, 'signDisplay', 'string', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', NF)
    r.roundingMode = 'halfExpand'
    r.roundingIncrement = 1
    r.trailingZeroDisplay = 'auto'
    r.roundingPriority = notation === 'compact' && !needSd && !needFd ? 'morePrecision' : 'auto'
    const nativeOptions = {
      style: r.style,
      currency: r.currency,
      currencyDisplay: r.currencyDisplay,
      notation: notation === 'compact' && !needSd && !needFd ? 'compact' : 'standard',
      compactDisplay: r.compactDisplay,
      useGrouping: String(r.useGrouping),
      signDisplay: r.signDisplay,
      minimumIntegerDigits: r.minimumIntegerDigits,
      minimumFractionDigits: r.minimumFractionDigits,
      maximumFractionDigits: r.maximumFractionDigits,
      minimumSignificantDigits: needSd ? r.minimumSignificantDigits : 0,
      maximumSignificantDigits: needSd ? r.maximumSignificantDigits : 0,
    }
    if (notation === 'compact' && (needSd || needFd)) {
      // ICU4X's compact formatter rounds on its own; explicit digit options format in full.
      nativeOptions.notation = 'standard'
    }
    slots.set(this, { resolved: r, tag: locale, nativeOptions, bound: undefined })
  }
  function nfSlot(self, method) {
    const slot = slots.get(self)
    if (!slot || !slot.nativeOptions) {
      throw new TypeError(`Method ${NF}.prototype.${method} called on incompatible receiver ${String(self)}`)
    }
    return slot
  }
  function formatNumberToParts(slot, value) {
    const parts = []
    let number = typeof value === 'bigint' ? value : Number(value)
    let special
    if (typeof number === 'number' && !Number.isFinite(number)) {
      special = Number.isNaN(number) ? { type: 'nan', value: 'NaN' } : { type: 'infinity', value: '∞' }
      number = Number.isNaN(number) || number > 0 ? 1 : -1
    }
    const flat = native.formatNumber(slot.tag, slot.nativeOptions, typeof number === 'bigint' ? number.toString() : number)
    let replaced = false
    for (let i = 0; i < flat.length; i += 2) {
      const type = flat[i]
      if (special && ['integer', 'group', 'decimal', 'fraction'].includes(type)) {
        if (!replaced) parts.push({ ...special })
        replaced = true
        continue
      }
      parts.push({ type, value: flat[i + 1] })
    }
    return parts
  }
  const formatNumber = (slot, value) => formatNumberToParts(slot, value).map((p) => p.value).join('')
  define(NumberFormat.prototype, {
    formatToParts(value) {
      return formatNumberToParts(nfSlot(this, 'formatToParts'), value)
    },
    resolvedOptions() {
      return { ...nfSlot(this, 'resolvedOptions').resolved }
    },
  })
  Object.defineProperty(NumberFormat.prototype, 'format', {
    configurable: true,
    get() {
      const slot = nfSlot(this, 'format')
      if (!slot.bound) slot.bound = (value) => formatNumber(slot, value)
      return slot.bound
    },
  })
  tag(NumberFormat.prototype, NF)
  define(NumberFormat, { supportedLocalesOf })

  // Intl.DateTimeFormat
  const DTF = 'Intl.DateTimeFormat'
  const DATE_FIELDS = ['weekday', 'era', 'year', 'month', 'day']
  const TIME_FIELDS = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits']
  const FIELD_VALUES = {
    weekday: ['narrow', 'short', 'long'],
    era: ['narrow', 'short', 'long'],
    year: ['2-digit', 'numeric'],
    month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
    day: ['2-digit', 'numeric'],
    dayPeriod: ['narrow', 'short', 'long'],
    hour: ['2-digit', 'numeric'],
    minute: ['2-digit', 'numeric'],
    second: ['2-digit', 'numeric'],
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
  }
  const STYLES = ['full', 'long', 'medium', 'short']
  const hourCycles = new Map()
  // The locale's own clock, read off its formatting of 13:00.
  function localeHourCycle(locale) {
    if (!hourCycles.has(locale)) {
      const flat = native.formatDateTime(locale, { hour: 'numeric', timeZone: 'UTC' }, 13 * 3600e3)
      hourCycles.set(locale, flat.join('').includes('13') ? 'h23' : 'h12')
    }
    return hourCycles.get(locale)
  }
  // required: 'date' | 'time' | 'any'; defaults: 'date' | 'time' | 'all' (ECMA-402 ToDateTimeOptions).
  function DateTimeFormat(locales, options, required = 'any', defaults = 'date') {
    if (!new.target) return new DateTimeFormat(locales, options)
    const locale = resolveLocale(locales)
    options = toOptions(options)
    const r = { locale: withoutExtensions(locale), calendar: 'gregory', numberingSystem: 'latn' }
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', DTF)
    const hour12 = options.hour12 === undefined ? undefined : Boolean(options.hour12)
    let hourCycle = getOption(options, 'hourCycle', 'string', ['h11', 'h12', 'h23', 'h24'], undefined, DTF)
    const timeZone = options.timeZone
    r.timeZone = timeZone === undefined ? native.defaultTimeZone() : native.canonicalTimeZone(String(timeZone))
    const fields = {}
    let hasField = false
    for (const name of [...DATE_FIELDS.slice(0, 1), ...DATE_FIELDS.slice(1), ...TIME_FIELDS, 'timeZoneName']) {
      if (name === 'fractionalSecondDigits') {
        const value = getNumberOption(options, name, 1, 3, undefined)
        if (value !== undefined) {
          fields[name] = value
          hasField = true
        }
        continue
      }
      const value = getOption(options, name, 'string', FIELD_VALUES[name], undefined, DTF)
      if (value !== undefined) {
        fields[name] = value
        hasField = true
      }
    }
    const dateStyle = getOption(options, 'dateStyle', 'string', STYLES, undefined, DTF)
    const timeStyle = getOption(options, 'timeStyle', 'string', STYLES, undefined, DTF)
    if (dateStyle !== undefined || timeStyle !== undefined) {
      const field = Object.keys(fields)[0]
      if (field !== undefined) {
        throw new TypeError(`Can't set option ${field} when ${dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`)
      }
      if (required === 'date' && dateStyle === undefined) throw new TypeError(`Invalid option : timeStyle`)
      if (required === 'time' && timeStyle === undefined) throw new TypeError(`Invalid option : dateStyle`)
    } else {
      let needDefaults = true
      if ((required === 'date' || required === 'any') && DATE_FIELDS.some((f) => fields[f] !== undefined)) needDefaults = false
      if ((required === 'time' || required === 'any') && [...TIME_FIELDS].some((f) => fields[f] !== undefined)) needDefaults = false
      if (needDefaults && (defaults === 'date' || defaults === 'all')) {
        fields.year = fields.month = fields.day = 'numeric'
      }
      if (needDefaults && (defaults === 'time' || defaults === 'all')) {
        fields.hour = fields.minute = fields.second = 'numeric'
      }
    }
    const usesHour = fields.hour !== undefined || timeStyle !== undefined
    if (usesHour) {
      if (hour12 !== undefined) hourCycle = hour12 ? (localeHourCycle(locale) === 'h11' ? 'h11' : 'h12') : 'h23'
      if (hourCycle === undefined) hourCycle = localeHourCycle(locale)
      r.hourCycle = hourCycle
      r.hour12 = hourCycle === 'h11' || hourCycle === 'h12'
    }
    for (const name of [...DATE_FIELDS, ...TIME_FIELDS, 'timeZoneName']) {
      if (fields[name] !== undefined) r[name] = fields[name]
    }
    if (r.hour !== undefined && r.minute !== undefined && r.minute === 'numeric') r.minute = '2-digit'
    if (r.minute !== undefined && r.second === 'numeric') r.second = '2-digit'
    if (dateStyle !== undefined) r.dateStyle = dateStyle
    if (timeStyle !== undefined) r.timeStyle = timeStyle
    const nativeOptions = { ...fields, timeZone: r.timeZone, dateStyle, timeStyle }
    if (usesHour) nativeOptions.hour12 = r.hour12
    slots.set(this, { resolved: r, tag: locale, dateOptions: nativeOptions, bound: undefined })
  }
  function dtfSlot(self, method) {
    const slot = slots.get(self)
    if (!slot || !slot.dateOptions) {
      throw new TypeError(`Method ${DTF}.prototype.${method} called on incompatible receiver ${String(self)}`)
    }
    return slot
  }
  function timeValue(date) {
    const value = date === undefined ? Date.now() : Number(date)
    if (!Number.isFinite(value) || Math.abs(value) > 8.64e15) throw new RangeError('Invalid time value')
    return Math.trunc(value) + 0
  }
  function nativeDateParts(slot, options, time) {
    const flat = native.formatDateTime(slot.tag, options, time)
    const parts = []
    for (let i = 0; i < flat.length; i += 2) parts.push({ type: flat[i], value: flat[i + 1] })
    return parts
  }
  function formatDateToParts(slot, date) {
    const time = timeValue(date)
    const options = slot.dateOptions
    const dateOnlyZone = options.timeZoneName !== undefined && options.dateStyle === undefined &&
      TIME_FIELDS.every((f) => options[f] === undefined) && DATE_FIELDS.some((f) => options[f] !== undefined)
    if (!dateOnlyZone) return nativeDateParts(slot, options, time)
    // A date with a zone name and no time: ICU4C joins them with the locale's date-time glue
    // (`12/3/2026, GMT+5:30`), ICU4X with a space; the glue is read off the date with an hour.
    const dateOptions = { ...options, timeZoneName: undefined }
    const parts = nativeDateParts(slot, dateOptions, time)
    const withHour = nativeDateParts(slot, { ...dateOptions, hour: 'numeric' }, time)
    const hourAt = withHour.findIndex((p) => p.type === 'hour')
    const glue = hourAt > 0 && withHour[hourAt - 1].type === 'literal' ? withHour[hourAt - 1].value : ' '
    const zone = nativeDateParts(slot, { hour: 'numeric', timeZone: options.timeZone, timeZoneName: options.timeZoneName }, time)
      .find((p) => p.type === 'timeZoneName')
    parts.push({ type: 'literal', value: glue })
    if (zone) parts.push(zone)
    return parts
  }
  // Node 20's format() turns CLDR's narrow no-break spaces (before AM/PM) into plain ones;
  // its formatToParts() keeps them.
  const formatDate = (slot, date) => formatDateToParts(slot, date).map((p) => p.value).join('').replace(/\u202f/g, ' ')
  define(DateTimeFormat.prototype, {
    formatToParts(date) {
      return formatDateToParts(dtfSlot(this, 'formatToParts'), date)
    },
    resolvedOptions() {
      return { ...dtfSlot(this, 'resolvedOptions').resolved }
    },
  })
  Object.defineProperty(DateTimeFormat.prototype, 'format', {
    configurable: true,
    get() {
      const slot = dtfSlot(this, 'format')
      if (!slot.bound) slot.bound = (date) => formatDate(slot, date)
      return slot.bound
    },
  })
  tag(DateTimeFormat.prototype, DTF)
  define(DateTimeFormat, { supportedLocalesOf })
  Object.defineProperty(DateTimeFormat, 'length', { value: 0, configurable: true })

  function dateToLocale(required, defaults) {
    return function (locales, options) {
      const value = Date.prototype.getTime.call(this)
      if (Number.isNaN(value)) return 'Invalid Date'
      const formatter = Reflect.construct(DateTimeFormat, [locales, options, required, defaults])
      return formatter.format(value)
    }
  }
  define(String.prototype, {
    localeCompare(that, locales, options) {
      if (this === undefined || this === null) {
        throw new TypeError('String.prototype.localeCompare called on null or undefined')
      }
      return new Collator(locales, options).compare(String(this), String(that))
    },
  })
  define(Date.prototype, {
    toLocaleString: dateToLocale('any', 'all'),
    toLocaleDateString: dateToLocale('date', 'date'),
    toLocaleTimeString: dateToLocale('time', 'time'),
  })

  // Intl.Collator
  const COL = 'Intl.Collator'
  function Collator(locales, options) {
    if (!new.target) return new Collator(locales, options)
    const locale = resolveLocale(locales)
    options = toOptions(options)
    const usage = getOption(options, 'usage', 'string', ['sort', 'search'], 'sort', COL)
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', COL)
    const kn = unicodeKeyword(locale, 'kn')
    const kf = unicodeKeyword(locale, 'kf')
    const numeric = options.numeric !== undefined ? Boolean(options.numeric) : kn === 'true' || kn === ''
    const caseFirst = getOption(options, 'caseFirst', 'string', ['upper', 'lower', 'false'], kf || 'false', COL)
    const sensitivity = getOption(options, 'sensitivity', 'string', ['base', 'accent', 'case', 'variant'], 'variant', COL)
    const ignorePunctuation = getOption(options, 'ignorePunctuation', 'boolean', undefined, false, COL)
    const r = { locale: withoutExtensions(locale), usage, sensitivity, ignorePunctuation, collation: 'default', numeric, caseFirst }
    slots.set(this, { resolved: r, tag: withoutExtensions(locale), collator: true, bound: undefined })
  }
  function colSlot(self, method) {
    const slot = slots.get(self)
    if (!slot || !slot.collator) throw new TypeError(`Method ${COL}.prototype.${method} called on incompatible receiver ${String(self)}`)
    return slot
  }
  const compareWith = (slot, a, b) => native.compare(slot.tag, slot.resolved, String(a), String(b))
  define(Collator.prototype, {
    resolvedOptions() {
      return { ...colSlot(this, 'resolvedOptions').resolved }
    },
  })
  Object.defineProperty(Collator.prototype, 'compare', {
    configurable: true,
    get() {
      const slot = colSlot(this, 'compare')
      if (!slot.bound) slot.bound = (a, b) => compareWith(slot, a, b)
      return slot.bound
    },
  })
  tag(Collator.prototype, COL)
  define(Collator, { supportedLocalesOf })

  // Intl.PluralRules
  const PR = 'Intl.PluralRules'
  function PluralRules(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.PluralRules requires 'new'")
    const locale = resolveLocale(locales)
    options = toOptions(options)
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', PR)
    const type = getOption(options, 'type', 'string', ['cardinal', 'ordinal'], 'cardinal', PR)
    const r = { locale: withoutExtensions(locale), type, minimumIntegerDigits: getNumberOption(options, 'minimumIntegerDigits', 1, 21, 1) }
    const needSd = options.minimumSignificantDigits !== undefined || options.maximumSignificantDigits !== undefined
    if (needSd) {
      r.minimumSignificantDigits = getNumberOption(options, 'minimumSignificantDigits', 1, 21, 1)
      r.maximumSignificantDigits = getNumberOption(options, 'maximumSignificantDigits', r.minimumSignificantDigits, 21, 21)
    } else {
      let min = getNumberOption(options, 'minimumFractionDigits', 0, 100, undefined)
      let max = getNumberOption(options, 'maximumFractionDigits', 0, 100, undefined)
      if (min === undefined) min = Math.min(0, max === undefined ? 0 : max)
      else if (max !== undefined && min > max) throw new RangeError('maximumFractionDigits value is out of range.')
      if (max === undefined) max = Math.max(3, min)
      r.minimumFractionDigits = min
      r.maximumFractionDigits = max
    }
    r.pluralCategories = native.pluralCategories(locale, type === 'ordinal')
    r.roundingIncrement = 1
    r.roundingMode = 'halfExpand'
    r.roundingPriority = 'auto'
    r.trailingZeroDisplay = 'auto'
    slots.set(this, { resolved: r, tag: locale, plural: true })
  }
  function prSlot(self, method) {
    const slot = slots.get(self)
    if (!slot || !slot.plural) throw new TypeError(`Method ${PR}.prototype.${method} called on incompatible receiver ${String(self)}`)
    return slot
  }
  define(PluralRules.prototype, {
    select(value) {
      const slot = prSlot(this, 'select')
      const r = slot.resolved
      return native.pluralSelect(slot.tag, r.type === 'ordinal', Number(value), r.minimumFractionDigits || 0, r.maximumFractionDigits || 0, r.maximumSignificantDigits || 0)
    },
    resolvedOptions() {
      const r = prSlot(this, 'resolvedOptions').resolved
      return { ...r, pluralCategories: [...r.pluralCategories] }
    },
  })
  tag(PluralRules.prototype, PR)
  define(PluralRules, { supportedLocalesOf })

  // Intl.ListFormat
  const LF = 'Intl.ListFormat'
  function ListFormat(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.ListFormat requires 'new'")
    const locale = resolveLocale(locales)
    options = toOptions(options)
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', LF)
    const type = getOption(options, 'type', 'string', ['conjunction', 'disjunction', 'unit'], 'conjunction', LF)
    const style = getOption(options, 'style', 'string', ['long', 'short', 'narrow'], 'long', LF)
    slots.set(this, { resolved: { locale: withoutExtensions(locale), type, style }, tag: locale, list: true })
  }
  function lfParts(self, method, list) {
    const slot = slots.get(self)
    if (!slot || !slot.list) throw new TypeError(`Method ${LF}.prototype.${method} called on incompatible receiver ${String(self)}`)
    const items = []
    for (const item of list === undefined ? [] : list) {
      if (typeof item !== 'string') throw new TypeError(`Iterable yielded ${String(item)} which is not a string`)
      items.push(item)
    }
    const flat = native.formatList(slot.tag, slot.resolved.type, slot.resolved.style, items)
    const parts = []
    for (let i = 0; i < flat.length; i += 2) parts.push({ type: flat[i], value: flat[i + 1] })
    return parts
  }
  define(ListFormat.prototype, {
    format(list) {
      return lfParts(this, 'format', list).map((p) => p.value).join('')
    },
    formatToParts(list) {
      return lfParts(this, 'formatToParts', list)
    },
    resolvedOptions() {
      return { ...slots.get(this).resolved }
    },
  })
  tag(ListFormat.prototype, LF)
  define(ListFormat, { supportedLocalesOf })

  // Intl.RelativeTimeFormat
  const RTF = 'Intl.RelativeTimeFormat'
  const RTF_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']
  function RelativeTimeFormat(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'")
    const locale = resolveLocale(locales)
    options = toOptions(options)
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', RTF)
    const numberingSystem = getOption(options, 'numberingSystem', 'string', undefined, undefined, RTF)
    if (numberingSystem !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(numberingSystem)) {
      throw new RangeError(`Invalid numberingSystem : ${numberingSystem}`)
    }
    const style = getOption(options, 'style', 'string', ['long', 'short', 'narrow'], 'long', RTF)
    const numeric = getOption(options, 'numeric', 'string', ['always', 'auto'], 'always', RTF)
    slots.set(this, {
      resolved: { locale: withoutExtensions(locale), style, numeric, numberingSystem: 'latn' },
      tag: locale,
      relativeTime: true,
    })
  }
  function rtfParts(self, method, value, unit) {
    const slot = slots.get(self)
    if (!slot || !slot.relativeTime) throw new TypeError(`Method ${RTF}.prototype.${method} called on incompatible receiver ${String(self)}`)
    const number = Number(value)
    const name = String(unit)
    const singular = name.endsWith('s') ? name.slice(0, -1) : name
    if (!RTF_UNITS.includes(singular)) throw new RangeError(`Invalid unit argument for ${RTF}.prototype.${method}() '${name}'`)
    if (!Number.isFinite(number)) throw new RangeError(`Value need to be finite number for ${RTF}.prototype.${method}()`)
    const r = slot.resolved
    const flat = native.formatRelativeTime(slot.tag, r.style, r.numeric, singular, number)
    const parts = []
    for (let i = 0; i < flat.length; i += 2) {
      const part = { type: flat[i], value: flat[i + 1] }
      if (part.type !== 'literal') part.unit = singular
      parts.push(part)
    }
    return parts
  }
  define(RelativeTimeFormat.prototype, {
    format(value, unit) {
      return rtfParts(this, 'format', value, unit).map((p) => p.value).join('')
    },
    formatToParts(value, unit) {
      return rtfParts(this, 'formatToParts', value, unit)
    },
    resolvedOptions() {
      const slot = slots.get(this)
      if (!slot || !slot.relativeTime) throw new TypeError(`Method ${RTF}.prototype.resolvedOptions called on incompatible receiver ${String(this)}`)
      return { ...slot.resolved }
    },
  })
  tag(RelativeTimeFormat.prototype, RTF)
  define(RelativeTimeFormat, { supportedLocalesOf })

  // Intl.Locale (the tag's subtags, with maximize/minimize by likely subtags)
  function Locale(tag, options) {
    if (!new.target) throw new TypeError("Constructor Intl.Locale requires 'new'")
    if (typeof tag !== 'string' && !(tag instanceof Locale)) {
      throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing')
    }
    let text = String(tag)
    options = toOptions(options)
    const [, base0] = native.localeInfo(text)
    const extension = text.length > base0.length ? native.localeInfo(text)[0].slice(base0.length) : ''
    let parts = base0.split('-')
    for (const [key, at] of [['language', 0]]) {
      if (options[key] !== undefined) parts[at] = String(options[key])
    }
    const info0 = native.localeInfo(parts.join('-'))
    let language = info0[2]
    let script = options.script !== undefined ? String(options.script) : info0[3]
    let region = options.region !== undefined ? String(options.region) : info0[4]
    text = [language, script, region].filter(Boolean).join('-') + extension
    const keywords = {}
    for (const [key, name] of [['calendar', 'ca'], ['collation', 'co'], ['hourCycle', 'hc'], ['caseFirst', 'kf'], ['numeric', 'kn'], ['numberingSystem', 'nu']]) {
      const value = options[key] !== undefined ? String(options[key]) : unicodeKeyword(text, name)
      if (value !== undefined) keywords[key] = value
    }
    const info = native.localeInfo(text)
    slots.set(this, { info, keywords, localeObject: true })
  }
  function locSlot(self) {
    const slot = slots.get(self)
    if (!slot || !slot.localeObject) throw new TypeError('Method Intl.Locale.prototype method called on incompatible receiver')
    return slot
  }
  for (const [name, at] of [['baseName', 1], ['language', 2], ['script', 3], ['region', 4]]) {
    Object.defineProperty(Locale.prototype, name, {
      configurable: true,
      get() {
        return locSlot(this).info[at] || undefined
      },
    })
  }
  for (const name of ['calendar', 'collation', 'hourCycle', 'caseFirst', 'numberingSystem']) {
    Object.defineProperty(Locale.prototype, name, {
      configurable: true,
      get() {
        return locSlot(this).keywords[name]
      },
    })
  }
  Object.defineProperty(Locale.prototype, 'numeric', {
    configurable: true,
    get() {
      const value = locSlot(this).keywords.numeric
      return value === 'true' || value === ''
    },
  })
  define(Locale.prototype, {
    toString() {
      return locSlot(this).info[0]
    },
    toJSON() {
      return locSlot(this).info[0]
    },
    maximize() {
      return new Locale(locSlot(this).info[5])
    },
    minimize() {
      return new Locale(locSlot(this).info[6])
    },
  })
  tag(Locale.prototype, 'Intl.Locale')

  // Intl.Segmenter
  const SEG = 'Intl.Segmenter'
  function Segmenter(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.Segmenter requires 'new'")
    const locale = resolveLocale(locales)
    options = toOptions(options)
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', SEG)
    const granularity = getOption(options, 'granularity', 'string', ['grapheme', 'word', 'sentence'], 'grapheme', SEG)
    slots.set(this, { resolved: { locale: withoutExtensions(locale), granularity }, segmenter: true })
  }
  function segmentData(input, flat, i, word) {
    const data = { segment: input.slice(flat[i], flat[i + 1]), index: flat[i], input }
    if (word) data.isWordLike = flat[i + 2] === 1
    return data
  }
  define(Segmenter.prototype, {
    segment(input) {
      const slot = slots.get(this)
      if (!slot || !slot.segmenter) throw new TypeError(`Method ${SEG}.prototype.segment called on incompatible receiver ${String(this)}`)
      const string = String(input)
      const word = slot.resolved.granularity === 'word'
      const flat = native.segment(slot.resolved.granularity, string)
      const segments = Object.create(SegmentsPrototype)
      define(segments, {
        containing(index) {
          const n = index === undefined ? 0 : Math.trunc(Number(index)) || 0
          for (let i = 0; i < flat.length; i += 3) {
            if (n >= flat[i] && n < flat[i + 1]) return segmentData(string, flat, i, word)
          }
          return undefined
        },
      })
      Object.defineProperty(segments, Symbol.iterator, {
        configurable: true,
        writable: true,
        value: function* () {
          for (let i = 0; i < flat.length; i += 3) yield segmentData(string, flat, i, word)
        },
      })
      return segments
    },
    resolvedOptions() {
      return { ...slots.get(this).resolved }
    },
  })
  const SegmentsPrototype = {}
  tag(Segmenter.prototype, SEG)
  define(Segmenter, { supportedLocalesOf })

  const Intl = {}
  define(Intl, {
    NumberFormat,
    DateTimeFormat,
    Collator,
    PluralRules,
    ListFormat,
    RelativeTimeFormat,
    Locale,
    Segmenter,
    getCanonicalLocales: (locales) => canonicalizeLocaleList(locales),
  })
  tag(Intl, 'Intl')
  // The constructors' `length` is ECMA-402's (0; 1 for Locale), not their parameter count.
  for (const [Service, length] of [[NumberFormat, 0], [DateTimeFormat, 0], [Collator, 0], [PluralRules, 0], [ListFormat, 0], [RelativeTimeFormat, 0], [Locale, 1], [Segmenter, 0]]) {
    Object.defineProperty(Service, 'length', { value: length, configurable: true })
  }
  Object.defineProperty(globalThis, 'Intl', { value: Intl, writable: true, configurable: true, enumerable: false })

  define(Number.prototype, {
    toLocaleString(locales, options) {
      if (typeof this !== 'number' && !(this instanceof Number)) {
        throw new TypeError('Number.prototype.toLocaleString requires that \'this\' be a Number')
      }
      return new NumberFormat(locales, options).format(Number(this))
    },
  })
  if (typeof BigInt === 'function') {
    define(BigInt.prototype, {
      toLocaleString(locales, options) {
        return new NumberFormat(locales, options).format(BigInt.prototype.valueOf.call(this))
      },
    })
  }
})()
