// `tty`: a server's and a script's streams are not terminals here (`isatty` is false);
// the classes exist for packages that check `instanceof` or read `columns`.
export function isatty() {
  return false
}
export class ReadStream {
  get isTTY() {
    return false
  }
}
export class WriteStream {
  get isTTY() {
    return false
  }
  get columns() {
    return 80
  }
  get rows() {
    return 24
  }
  getColorDepth() {
    return 1
  }
  hasColors() {
    return false
  }
}
export default { isatty, ReadStream, WriteStream }
