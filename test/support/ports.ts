import { connect } from 'node:net';

export { freePort, freePorts } from '../../scripts/ports';

/** Whether a new TCP connection to the port on localhost is refused (rather than accepted): nothing listens there. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, 'localhost');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    // One error per address tried when localhost has several (IPv4 and IPv6).
    socket.once('error', (err: NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] }) =>
      resolve((err.errors ?? [err]).every((e) => e.code === 'ECONNREFUSED')),
    );
  });
}
