/** Class names of the standard image datasets, in label order. */

/** Fashion-MNIST (zalandoresearch/fashion-mnist README, "Labels"). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** CIFAR-10 (batches.meta.txt of the binary version); used when the archive lacks that file. */
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Digit names '0'…'9' (MNIST). */
export const DIGIT_CLASSES = Array.from({ length: 10 }, (_, d) => String(d));
