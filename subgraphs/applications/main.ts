import 'reflect-metadata';
import { runSubgraph } from '../kit/run';
import { applicationsSubgraph } from './index';

runSubgraph(applicationsSubgraph);
