import 'reflect-metadata';
import { runSubgraph } from '../kit/run';
import { offeringsSubgraph } from './index';

runSubgraph(offeringsSubgraph);
