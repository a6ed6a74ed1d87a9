/**
 * Given and family names for applicants: names common in Sweden, and names common among
 * people who moved to Sweden (from Syria, Iraq, Somalia, Afghanistan, Iran, Eritrea,
 * Ukraine, Poland, Turkey, the former Yugoslavia, Latin America, Thailand, …).
 */

export interface GivenNames {
  female: readonly string[];
  male: readonly string[];
}

export const SWEDISH_GIVEN: GivenNames = {
  female: [
    'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Emma', 'Elin', 'Johanna', 'Linnea', 'Ida',
    'Malin', 'Sofia', 'Jenny', 'Hanna', 'Frida', 'Julia', 'Matilda', 'Amanda', 'Moa', 'Ebba',
    'Klara', 'Alice', 'Maja', 'Wilma', 'Elsa', 'Agnes', 'Felicia', 'Josefin', 'Therese', 'Camilla',
    'Lena', 'Kristina', 'Helena', 'Ulrika', 'Annika', 'Cecilia', 'Sanna', 'Tova', 'Lovisa', 'Stina',
  ],
  male: [
    'Erik', 'Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Mikael', 'Fredrik', 'Daniel', 'Jonas',
    'Marcus', 'Andreas', 'Oskar', 'Viktor', 'Emil', 'Filip', 'Gustav', 'Axel', 'Albin', 'Linus',
    'Simon', 'Jesper', 'Rasmus', 'Niklas', 'Henrik', 'Magnus', 'Mattias', 'Patrik', 'Tobias', 'Robin',
    'Sebastian', 'Hampus', 'Isak', 'Melvin', 'Elias', 'Anton', 'Olle', 'Kalle', 'Pontus', 'Joakim',
  ],
};

export const IMMIGRANT_GIVEN: GivenNames = {
  female: [
    'Fatima', 'Amina', 'Aisha', 'Mariam', 'Nour', 'Rania', 'Layla', 'Zainab', 'Hiba', 'Sara',
    'Hodan', 'Fadumo', 'Sahra', 'Hamdi', 'Ayan', 'Hawa', 'Shirin', 'Parisa', 'Maryam', 'Zahra',
    'Nasrin', 'Mahsa', 'Farida', 'Freweyni', 'Senait', 'Helen', 'Selam', 'Olena', 'Iryna', 'Oksana',
    'Kateryna', 'Agnieszka', 'Katarzyna', 'Magdalena', 'Elif', 'Zeynep', 'Ayse', 'Emina', 'Amra', 'Jelena',
    'Valentina', 'Camila', 'Daniela', 'Natalia', 'Malee', 'Ploy', 'Linh', 'Priya', 'Ananya', 'Roza',
  ],
  male: [
    'Mohammed', 'Ahmed', 'Ali', 'Omar', 'Hassan', 'Hussein', 'Yusuf', 'Ibrahim', 'Khaled', 'Mustafa',
    'Abdi', 'Abdirahman', 'Mahad', 'Liban', 'Farah', 'Reza', 'Amir', 'Mehdi', 'Hamid', 'Ahmad',
    'Mohammad', 'Javad', 'Samir', 'Tesfaye', 'Yonas', 'Dawit', 'Merhawi', 'Oleksandr', 'Dmytro', 'Andriy',
    'Serhiy', 'Piotr', 'Tomasz', 'Krzysztof', 'Mehmet', 'Emre', 'Murat', 'Kemal', 'Adnan', 'Edin',
    'Dragan', 'Nikola', 'Carlos', 'Diego', 'Jorge', 'Luis', 'Minh', 'Rahul', 'Arjun', 'Karwan',
  ],
};

export const SWEDISH_FAMILY: readonly string[] = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström',
  'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson',
  'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson',
];

export const IMMIGRANT_FAMILY: readonly string[] = [
  'Ali', 'Mohamed', 'Ahmed', 'Hassan', 'Hussein', 'Abdullahi', 'Osman', 'Yusuf', 'Warsame', 'Farah',
  'Al-Hassan', 'Al-Khatib', 'Haddad', 'Khalil', 'Saleh', 'Mansour', 'Aziz', 'Jaber', 'Hamoud', 'Darwish',
  'Karimi', 'Hosseini', 'Ahmadi', 'Rezaei', 'Mohammadi', 'Rahimi', 'Hashemi', 'Sultani', 'Noori', 'Amiri',
  'Tesfay', 'Gebremedhin', 'Haile', 'Berhane', 'Kidane', 'Shevchenko', 'Kovalenko', 'Bondarenko', 'Melnyk', 'Tkachenko',
  'Nowak', 'Kowalski', 'Wiśniewska', 'Lewandowski', 'Yilmaz', 'Demir', 'Kaya', 'Şahin', 'Hodžić', 'Kovačević',
  'Petrović', 'Jovanović', 'García', 'Rodríguez', 'González', 'Silva', 'Nguyen', 'Tran', 'Sharma', 'Kaur',
];
