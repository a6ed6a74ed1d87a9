import 'reflect-metadata';
import { runSubgraph } from '../kit/run';
import { providersSubgraph } from './index';

runSubgraph(providersSubgraph);
