#!/usr/bin/env node
// The ES module build's entry (dist/cli.js): the whole command. The installed `burn` is
// dist/cli.cjs, which serves what the light start can in CommonJS and loads this for the rest
// (source/cli/light-main.ts).
import {startCli} from './source/cli/start.js';

startCli();
