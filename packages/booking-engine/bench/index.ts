// The package's benchmarks, one after another. Run: `pnpm bench`.
import { runAvailabilityBench } from './availability.bench.js';
import { runDatesBench } from './dates.bench.js';
import { runBookBench } from './book.bench.js';
import { runSlotRaceBench } from './slot-race.bench.js';

await runAvailabilityBench();
runDatesBench();
await runBookBench();
await runSlotRaceBench();
