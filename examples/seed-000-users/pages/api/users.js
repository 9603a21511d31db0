// Seed 000_25a6efbb7395948c.txt, the only code block (step 4, "Пример использования API маршрутов"),
// verbatim except for the one import line of the helpers the seed leaves undefined.
// pages/api/users.js
import { fetchUsersFromDatabase, createUserInDatabase } from '../../lib/db';

export default async function handler(req, res) {
  if (req.method === 'GET') {
    // Обработка GET запроса
    const users = await fetchUsersFromDatabase();
    res.status(200).json(users);
  } else if (req.method === 'POST') {
    // Обработка POST запроса
    const newUser = await createUserInDatabase(req.body);
    res.status(201).json(newUser);
  } else {
    // Обработка других типов запросов
    res.status(405).json({ message: 'Method Not Allowed' });
  }
}
