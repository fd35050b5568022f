// A short English list written out here rather than the `stopword` package: that package ships stop words for
// 62 languages in one module, and issue search only needs these, plus words every issue tracker is full of.
const WORDS = `a about above after again against all also am an and any are aren as at be because been before being
below between both but by can cannot could did didn do does doesn doing don down during each else etc even ever
every few for from further get gets getting got had hadn has hasn have haven having he her here hers herself him
himself his how however i if in into is isn it its itself just let like ll me might more most much must mustn my
myself need no nor not now of off on once one only or other our ours ourselves out over own please re same she
should shouldn so some such than that the their theirs them themselves then there these they this those though
through thus to too under until up upon us use used using very via was wasn way we were weren what when where
which while who whom why will with within without won would wouldn ve you your yours yourself yourselves
issue issues bug bugs problem thanks thank hi hello work works working worked also still yet`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/));
