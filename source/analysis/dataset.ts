/** The scan's types live beside the scan (ledger/dataset.ts); analysis reads them from here. */
export type {Dataset, SessionData, Window} from '../ledger/dataset.js';
