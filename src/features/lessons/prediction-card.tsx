import { useId } from 'react';
import { formatNumber } from '../../ui/format';
import type { Prediction } from '../../content/lessons/lesson-types';
import { nearestChoice } from '../../content/lessons/lesson-measures';

export type PredictionAnswer = { readonly choice: number } | 'skipped';

/** The question, asked before the key step. */
export function PredictionQuestion(props: {
  readonly prediction: Prediction;
  readonly answer: PredictionAnswer | undefined;
  readonly onAnswer: (answer: PredictionAnswer) => void;
}) {
  const id = useId();
  const { prediction, answer } = props;
  if (answer !== undefined) {
    return (
      <div className="prediction prediction-locked" data-testid="prediction-locked">
        <p>
          {answer === 'skipped' ? (
            'You skipped this prediction.'
          ) : (
            <>
              Your prediction: <strong>{prediction.choices[answer.choice]?.label}</strong>.
            </>
          )}{' '}
          Press Next to see what happens.
        </p>
      </div>
    );
  }
  return (
    <form
      className="prediction"
      aria-labelledby={`${id}-q`}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const raw = data.get('choice');
        if (typeof raw === 'string' && raw !== '') props.onAnswer({ choice: Number(raw) });
      }}
    >
      <p className="prediction-kicker">Predict first</p>
      <fieldset className="field radio-group">
        <legend id={`${id}-q`}>{prediction.question}</legend>
        {prediction.choices.map((c, i) => (
          <label key={c.label}>
            <input type="radio" name="choice" value={i} required />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button primary">
          Lock in my prediction
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onAnswer('skipped');
          }}
        >
          Skip
        </button>
      </div>
    </form>
  );
}

/** The engine's actual number next to the guess, with why. */
export function PredictionReveal(props: {
  readonly prediction: Prediction;
  readonly answer: PredictionAnswer | undefined;
  readonly measured: number;
}) {
  const { prediction, answer, measured } = props;
  const right = nearestChoice(prediction, measured);
  const guessed = answer === undefined || answer === 'skipped' ? null : answer.choice;
  const verdict =
    guessed === null
      ? 'You did not make a prediction.'
      : guessed === right
        ? 'Your prediction was right.'
        : `You predicted “${prediction.choices[guessed]?.label ?? ''}”; the nearest answer was “${prediction.choices[right]?.label ?? ''}”.`;
  return (
    <div className="prediction prediction-reveal" data-testid="prediction-reveal">
      <p className="prediction-kicker">{prediction.question}</p>
      <p>
        The engine measured{' '}
        <strong data-testid="prediction-measured">{formatNumber(measured, 1)}</strong>{' '}
        {prediction.unit}. {verdict}
      </p>
      <p>{prediction.explain}</p>
    </div>
  );
}
