// Spins in a synchronous loop until the CPU budget interrupts it.
export default function handler() {
  for (;;) {}
}
