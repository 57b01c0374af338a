/** A business refusal: becomes infcode -1 with this Chinese err_msg. */
export class SimRefusal extends Error {
  constructor(readonly err_msg: string) {
    super(err_msg);
    this.name = 'SimRefusal';
  }
}

export function refuse(err_msg: string): never {
  throw new SimRefusal(err_msg);
}
