// `npm run dev -- ARGS`: the CLI from source with tsx, run as bin/docker-tutor.js runs the built one.
import { run } from "../src/cli/main.js";

process.exitCode = await run(process);
if (process.exitCode === 130) process.exit(130);
