export { freePort, freePorts } from '../../scripts/ports';
