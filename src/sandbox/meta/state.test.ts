import { definePlatformStateContractTests } from './state.contract';
import { InMemoryPlatformState } from './state';

definePlatformStateContractTests('in memory', () => new InMemoryPlatformState());
