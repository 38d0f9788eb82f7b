import { test, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
test('probe', async () => {
  await tf.setBackend('wasm');
  console.log(tf.getBackend(), wasm.version_wasm, tf.version_core, tf.env().getBool('WASM_HAS_SIMD_SUPPORT'));
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.div(x, tf.scalar(2))))(tf.ones([2]));
  expect(Array.from(g.dataSync())).toEqual([0.5, 0.5]);
  await tf.setBackend('cpu');
  const g2 = tf.grad((x: tf.Tensor) => tf.sum(tf.div(x, tf.scalar(2))))(tf.ones([2]));
  expect(Array.from(g2.dataSync())).toEqual([0.5, 0.5]);
  const a = tf.randomNormal([128,600]); const b = tf.randomNormal([600,512]);
  await tf.setBackend('wasm');
  const a2 = tf.randomNormal([128,600]); const b2 = tf.randomNormal([600,512]);
  for (let i=0;i<3;i++){ const t=performance.now(); const c=tf.matMul(a2,b2); c.dataSync(); console.log(performance.now()-t); c.dispose();}
  console.log(tf.engine().backendNames(), tf.memory());
});
