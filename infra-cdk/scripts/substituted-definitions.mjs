// Writes each state machine of a synthesised template as a plain ASL file with its ${Name} placeholders
// substituted, for asl-validator. CloudFormation resolves most substitutions at deploy time (Fn::GetAtt, Ref), so
// those get a well-formed stand-in of their kind (from workflows/placeholders.json): a Lambda ARN, a queue ARN, ...
// Plain strings in the template (the job definition prefix) are used as they are.
//
// usage: node scripts/substituted-definitions.mjs <template.json> <placeholders.json> <out-dir>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [templateFile, placeholdersFile, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: substituted-definitions.mjs <template.json> <placeholders.json> <out-dir>');
  process.exit(2);
}
const template = JSON.parse(readFileSync(templateFile, 'utf8'));
let declared = JSON.parse(readFileSync(placeholdersFile, 'utf8'));
if (!Array.isArray(declared)) declared = declared.placeholders ?? Object.entries(declared).map(([name, v]) => ({ name, ...v }));
const kinds = Object.fromEntries(declared.map((p) => (typeof p === 'string' ? [p, ''] : [p.name, p.kind ?? ''])));

const region = 'us-east-1';
const account = '123456789012';
const standIn = (name) => {
  switch (kinds[name]) {
    case 'lambda': return `arn:aws:lambda:${region}:${account}:function:${name}:live`;
    case 'batch-queue': return `arn:aws:batch:${region}:${account}:job-queue/${name}`;
    case 'batch-job-definition-prefix': return 'Mlops-train-';
    case 'sns-topic': return `arn:aws:sns:${region}:${account}:${name}`;
    case 'state-machine': return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
    case 'bucket': return 'mlops-artifacts-stand-in';
    default: return `arn:aws:states:${region}:${account}:${name}`;
  }
};

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [id, resource] of Object.entries(template.Resources ?? {})) {
  if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
  const props = resource.Properties;
  if (typeof props.DefinitionString !== 'string') {
    console.error(`${id}: DefinitionString is not inlined`);
    process.exit(1);
  }
  const values = props.DefinitionSubstitutions ?? {};
  const definition = props.DefinitionString.replace(/\$\{([A-Za-z][A-Za-z0-9]*)\}/g, (match, name) => {
    if (!(name in values)) {
      console.error(`${id}: \${${name}} has no substitution`);
      process.exit(1);
    }
    return typeof values[name] === 'string' ? values[name] : standIn(name);
  });
  JSON.parse(definition); // substitutions stay inside JSON strings
  const name = typeof props.StateMachineName === 'string' ? props.StateMachineName : id;
  writeFileSync(join(outDir, `${name}.asl.json`), definition);
  written++;
}
console.log(`wrote ${written} substituted definitions to ${outDir}`);
