// Never answers.
export default function handler() {}
