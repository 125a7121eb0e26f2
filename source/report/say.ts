// The `burn: …` stderr line lives in core (the light start uses it); re-exported for the views.
export {say} from '../core/say.js';
