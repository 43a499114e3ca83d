// What the browser tests expect from the demo directory (config/areas/*/directory.json and
// config/taxonomy/victim-support.json). Names here are the demo files' service names.
export function demoExpectations() {
  return {
    crimeType: 'Domestic abuse',
    crimeTypeIncludes: [
      'Children and young people affected by domestic abuse – Listening Ear',
      'Staffordshire Victim Gateway',
    ],
    crimeTypeExcludes: [
      'Business crime support – Staffordshire Victim Gateway',
      'LGBT hate crime helpline – LGBT Foundation',
    ],
    area: 'Liverpool',
    otherArea: 'Stoke-on-Trent',
    areaIncludes: ['Victim Care Merseyside – Victim Support', 'Hate crime advocacy – Anthony Walker Foundation consortium'],
    areaExcludes: ['Staffordshire Victim Gateway', 'Refuge and outreach – Wirral Women and Children\'s Aid'],
    bothIncludes: ['Children and young people affected by domestic abuse – Listening Ear'],
    keywords: 'counselling',
    keywordsFind: 'counselling',
  };
}
