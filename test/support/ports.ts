export { freePort } from '../../scripts/ports';
